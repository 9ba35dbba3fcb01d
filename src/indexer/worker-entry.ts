// Placeholder entry for the indexer worker (issue 3) so the bundle builds.
export {};
