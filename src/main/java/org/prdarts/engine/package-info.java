/**
 * Workarounds for the deep learning engine (DJL 0.36 with PyTorch 2.7.1), below everything:
 * constants for autograd graphs held by a manager instead of Number operands, moving
 * temporaries to a step's scratch manager, and in-place copies without the engine's deprecation
 * warning. Imports no other package of the project (DJL only); every other package may import it.
 */
package org.prdarts.engine;
