/**
 * The DARTS CNN search space: the one operation registry ({@code ops}) used by both the supernet
 * and the derived network, cell topology, genotypes with their text and JSON forms and the
 * published cells. Imports only engine.
 */
package org.prdarts.space;
