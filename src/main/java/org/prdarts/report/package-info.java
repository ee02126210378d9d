/**
 * Self-contained HTML reports, charts and cell diagrams of run directories. Reads what search,
 * training and comparison runs wrote; imported by cli and study only.
 */
package org.prdarts.report;
