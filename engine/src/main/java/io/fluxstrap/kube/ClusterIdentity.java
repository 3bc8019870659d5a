package io.fluxstrap.kube;

/** A cluster's identity: kube-system's uid (stable for the cluster's life) and the server URL. */
public record ClusterIdentity(String uid, String server) {}
