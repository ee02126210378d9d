/**
 * Self-contained HTML reports, charts and cell diagrams of run directories. Reads what search,
 * training and comparison runs wrote; imported by cli and study only. Imports only search, train, space and repro.
 */
package org.prdarts.report;
