/**
 * The search network: mixed operations that receive their mixing weights (they hold no
 * architecture state), search cells, architecture parameters. Knows nothing of how it is searched;
 * may import space, data, optim and repro.
 */
package org.prdarts.supernet;
