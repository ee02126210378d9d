/**
 * The paper's claims as experiments a user runs on their data and budget ({@code prdarts study}):
 * collapse, ablation, skip-speed and theory, one run directory per sub-run, resumable. Imports only
 * report, theory, search, train, space, data and repro.
 */
package org.prdarts.study;
