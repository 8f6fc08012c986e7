// The effectful edges (LanguageExt v4 Eff/Aff over struct runtimes).
