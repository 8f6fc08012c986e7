using DelGrad.Substrate;

namespace DelGrad.Training;

/// <summary>
/// The optional <c>substrate</c> section of a config: train chip-in-the-loop on an emulated
/// BrainScaleS-2 chip (<c>"type": "bss2"</c>) instead of the software model.
/// </summary>
/// <param name="Bss2">The emulation settings (every <see cref="Bss2Config.Keys"/> key may be set).</param>
/// <param name="ChipSeed">The emulated chip (fixed-pattern noise); key <c>chip_seed</c>, default 0.</param>
public sealed record SubstrateOptions(Bss2Config Bss2, long ChipSeed = 0);
