"""Random draws: the seed tree, distribution families and their inverse CDFs, correlation
matrices."""
