"""Structure: normalisation, language, headings, sentences, all with spans into the source text."""
