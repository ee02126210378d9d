/**
 * Data sets (IDX, CIFAR binary, image folders, synthetic), splits, augmentation and batches.
 * May import repro only.
 */
package org.prdarts.data;
