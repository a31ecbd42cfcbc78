// Ranked search over names, aliases, descriptions, verbatim texts and quotes; accent-folding analyzer.
CREATE FULLTEXT INDEX entity_search IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.aliasText, n.description, n.text, n.quoteText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding' } };
