/**
 * The search network: mixed operations that receive their mixing weights (they hold no
 * architecture state), search cells, architecture parameters. Knows nothing of how it is searched.
 * Imports only space, optim, repro and engine.
 */
package org.prdarts.supernet;
