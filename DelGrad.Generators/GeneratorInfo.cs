namespace DelGrad.Generators
{
    /// <summary>Marker for the DelGrad source generator assembly.</summary>
    internal static class GeneratorInfo
    {
        public const string Name = "DelGrad.Generators";
    }
}
