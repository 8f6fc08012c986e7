// Shared source (see JsonNode.cs): a strict RFC 8259 parser that records positions.
#nullable enable
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DelGrad.Specs.Format
{
    /// <summary>A JSON syntax error at a 1-based line and column.</summary>
    internal sealed class JsonSyntaxError
    {
        /// <summary>Creates the error.</summary>
        public JsonSyntaxError(string message, int line, int column)
        {
            Message = message;
            Line = line;
            Column = column;
        }

        /// <summary>What is wrong.</summary>
        public string Message { get; }

        /// <summary>1-based line.</summary>
        public int Line { get; }

        /// <summary>1-based column.</summary>
        public int Column { get; }
    }

    /// <summary>Parses JSON text into <see cref="JsonNode"/>s. Never throws on bad input.</summary>
    internal static class JsonParser
    {
        private const int MaxDepth = 256;

        /// <summary>Parses a whole document; on failure returns null and sets <paramref name="error"/>.</summary>
        public static JsonNode? TryParse(string text, out JsonSyntaxError? error)
        {
            var reader = new Reader(text);
            try
            {
                reader.SkipWhitespace();
                var node = reader.ParseValue(0);
                reader.SkipWhitespace();
                if (!reader.AtEnd)
                {
                    throw reader.Fail("unexpected text after the end of the JSON value");
                }

                error = null;
                return node;
            }
            catch (ParseFailure f)
            {
                error = f.Error;
                return null;
            }
        }

        private sealed class ParseFailure : System.Exception
        {
            public ParseFailure(JsonSyntaxError error)
                : base(error.Message)
            {
                Error = error;
            }

            public JsonSyntaxError Error { get; }
        }

        private sealed class Reader
        {
            private readonly string text;
            private int pos;
            private int line = 1;
            private int lineStart;

            public Reader(string text) => this.text = text;

            public bool AtEnd => pos >= text.Length;

            private int Column => pos - lineStart + 1;

            public ParseFailure Fail(string message) => new ParseFailure(new JsonSyntaxError(message, line, Column));

            public void SkipWhitespace()
            {
                while (pos < text.Length)
                {
                    char c = text[pos];
                    if (c == '\n')
                    {
                        pos++;
                        line++;
                        lineStart = pos;
                    }
                    else if (c == ' ' || c == '\t' || c == '\r')
                    {
                        pos++;
                    }
                    else
                    {
                        break;
                    }
                }
            }

            public JsonNode ParseValue(int depth)
            {
                if (depth > MaxDepth)
                {
                    throw Fail("nesting deeper than " + MaxDepth.ToString(CultureInfo.InvariantCulture));
                }

                if (AtEnd)
                {
                    throw Fail("unexpected end of input, expected a value");
                }

                int l = line, c = Column;
                switch (text[pos])
                {
                    case '{': return ParseObject(depth, l, c);
                    case '[': return ParseArray(depth, l, c);
                    case '"': return JsonNode.NewString(l, c, ParseString());
                    case 't': Expect("true"); return JsonNode.NewBool(l, c, true);
                    case 'f': Expect("false"); return JsonNode.NewBool(l, c, false);
                    case 'n': Expect("null"); return JsonNode.NewNull(l, c);
                    default:
                        char ch = text[pos];
                        if (ch == '-' || (ch >= '0' && ch <= '9'))
                        {
                            return ParseNumber(l, c);
                        }

                        throw Fail("unexpected character '" + ch + "', expected a value");
                }
            }

            private void Expect(string word)
            {
                if (string.CompareOrdinal(text, pos, word, 0, word.Length) != 0)
                {
                    throw Fail("invalid literal, expected '" + word + "'");
                }

                pos += word.Length;
            }

            private JsonNode ParseObject(int depth, int l, int c)
            {
                pos++;
                var members = new List<KeyValuePair<string, JsonNode>>();
                SkipWhitespace();
                if (!AtEnd && text[pos] == '}')
                {
                    pos++;
                    return JsonNode.NewObject(l, c, members);
                }

                while (true)
                {
                    SkipWhitespace();
                    if (AtEnd || text[pos] != '"')
                    {
                        throw Fail("expected a quoted key");
                    }

                    int keyLine = line, keyCol = Column;
                    string key = ParseString();
                    foreach (var m in members)
                    {
                        if (m.Key == key)
                        {
                            throw new ParseFailure(new JsonSyntaxError("duplicate key \"" + key + "\"", keyLine, keyCol));
                        }
                    }

                    SkipWhitespace();
                    if (AtEnd || text[pos] != ':')
                    {
                        throw Fail("expected ':' after key \"" + key + "\"");
                    }

                    pos++;
                    SkipWhitespace();
                    members.Add(new KeyValuePair<string, JsonNode>(key, ParseValue(depth + 1)));
                    SkipWhitespace();
                    if (AtEnd)
                    {
                        throw Fail("unexpected end of input inside an object");
                    }

                    if (text[pos] == ',')
                    {
                        pos++;
                        continue;
                    }

                    if (text[pos] == '}')
                    {
                        pos++;
                        return JsonNode.NewObject(l, c, members);
                    }

                    throw Fail("expected ',' or '}' in an object");
                }
            }

            private JsonNode ParseArray(int depth, int l, int c)
            {
                pos++;
                var items = new List<JsonNode>();
                SkipWhitespace();
                if (!AtEnd && text[pos] == ']')
                {
                    pos++;
                    return JsonNode.NewArray(l, c, items);
                }

                while (true)
                {
                    SkipWhitespace();
                    items.Add(ParseValue(depth + 1));
                    SkipWhitespace();
                    if (AtEnd)
                    {
                        throw Fail("unexpected end of input inside an array");
                    }

                    if (text[pos] == ',')
                    {
                        pos++;
                        continue;
                    }

                    if (text[pos] == ']')
                    {
                        pos++;
                        return JsonNode.NewArray(l, c, items);
                    }

                    throw Fail("expected ',' or ']' in an array");
                }
            }

            private string ParseString()
            {
                pos++; // opening quote
                var sb = new StringBuilder();
                while (true)
                {
                    if (AtEnd)
                    {
                        throw Fail("unterminated string");
                    }

                    char ch = text[pos++];
                    if (ch == '"')
                    {
                        return sb.ToString();
                    }

                    if (ch == '\\')
                    {
                        if (AtEnd)
                        {
                            throw Fail("unterminated escape");
                        }

                        char e = text[pos++];
                        switch (e)
                        {
                            case '"': sb.Append('"'); break;
                            case '\\': sb.Append('\\'); break;
                            case '/': sb.Append('/'); break;
                            case 'b': sb.Append('\b'); break;
                            case 'f': sb.Append('\f'); break;
                            case 'n': sb.Append('\n'); break;
                            case 'r': sb.Append('\r'); break;
                            case 't': sb.Append('\t'); break;
                            case 'u':
                                if (pos + 4 > text.Length ||
                                    !int.TryParse(text.Substring(pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int code))
                                {
                                    throw Fail("invalid \\u escape");
                                }

                                sb.Append((char)code);
                                pos += 4;
                                break;
                            default:
                                throw Fail("invalid escape '\\" + e + "'");
                        }
                    }
                    else if (ch < ' ')
                    {
                        pos--;
                        throw Fail("control character in a string");
                    }
                    else
                    {
                        sb.Append(ch);
                    }
                }
            }

            private JsonNode ParseNumber(int l, int c)
            {
                int start = pos;
                if (text[pos] == '-')
                {
                    pos++;
                }

                int integerStart = pos;
                int digits = SkipDigits();
                if (digits == 0)
                {
                    throw Fail("invalid number");
                }

                if (digits > 1 && text[integerStart] == '0')
                {
                    pos = integerStart + 1;
                    throw Fail("invalid number: leading zeros are not allowed");
                }

                if (!AtEnd && text[pos] == '.')
                {
                    pos++;
                    if (SkipDigits() == 0)
                    {
                        throw Fail("invalid number: digits expected after '.'");
                    }
                }

                if (!AtEnd && (text[pos] == 'e' || text[pos] == 'E'))
                {
                    pos++;
                    if (!AtEnd && (text[pos] == '+' || text[pos] == '-'))
                    {
                        pos++;
                    }

                    if (SkipDigits() == 0)
                    {
                        throw Fail("invalid number: digits expected in the exponent");
                    }
                }

                string literal = text.Substring(start, pos - start);
                double value = double.Parse(literal, NumberStyles.Float, CultureInfo.InvariantCulture);
                return JsonNode.NewNumber(l, c, value, literal);
            }

            private int SkipDigits()
            {
                int n = 0;
                while (!AtEnd && text[pos] >= '0' && text[pos] <= '9')
                {
                    pos++;
                    n++;
                }

                return n;
            }
        }
    }
}
