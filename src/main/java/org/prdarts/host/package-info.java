/**
 * The machine a run is on, probed and set up: the engine's threads and seed, the compute device,
 * the memory the process may use and has used (cgroup limit, resident peak), the Java heap's
 * collector and bounds, the malloc implementation loaded, the git commit of the build. Usable by
 * all. Imports no other package of the project.
 */
package org.prdarts.host;
