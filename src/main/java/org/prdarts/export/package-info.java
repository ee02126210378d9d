/**
 * Export of a trained network to PyTorch: safetensors under the original DARTS parameter names.
 * Imports only train, space and repro; imported by cli only.
 */
package org.prdarts.export;
