/**
 * The derived network of a genotype, trained from scratch: cells, auxiliary head, drop path,
 * training loop, evaluation, saved models and their size. Imports only space, data, optim, repro, host
 * and engine; imported by cli, study, report and export.
 */
package org.prdarts.train;
