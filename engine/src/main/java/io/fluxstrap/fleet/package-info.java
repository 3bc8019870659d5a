/**
 * Fleet runs: the one place where per-cluster work runs in parallel ({@link
 * io.fluxstrap.fleet.Scheduler}). Refresh, drift and apply hand it one unit of work per cluster;
 * the work itself stays sequential and unaware of threads.
 */
package io.fluxstrap.fleet;
