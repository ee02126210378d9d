/**
 * Export of a trained network to PyTorch: safetensors under the original DARTS parameter names.
 * May import train and below; imported by cli only.
 */
package org.prdarts.export;
