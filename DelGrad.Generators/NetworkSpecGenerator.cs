using Microsoft.CodeAnalysis;

namespace DelGrad.Generators
{
    /// <summary>Compiles <c>*.delgrad.json</c> additional files into specialized network classes.</summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class NetworkSpecGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
        }
    }
}
