/**
 * Architecture search: the strategy lifecycle, the bilevel loop, presets, comparison and the
 * search memory estimate. Sub-packages hold the relaxations ({@code relax}), the regularizers
 * ({@code reg}, one class per term) and the derivation rules ({@code derive}, pure functions).
 * Imports only supernet, space, data, optim, repro and engine; imported by cli, study and report.
 */
package org.prdarts.search;
