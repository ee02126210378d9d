/**
 * Data sets (IDX, CIFAR binary, image folders, synthetic), splits, augmentation and batches.
 * Imports only repro.
 */
package org.prdarts.data;
