// The pure core: records describe, spans compute. No I/O, no clocks, no hidden randomness.
