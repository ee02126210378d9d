/**
 * The paper's claims as experiments a user runs on their data and budget ({@code prdarts study}):
 * collapse, ablation, skip-speed and theory, one run directory per sub-run, resumable. May import
 * report, theory, katib, search, train and everything below them.
 */
package org.prdarts.study;
