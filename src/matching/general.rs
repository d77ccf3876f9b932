//! Peer mode: maximum weight matching on a general graph.
