export { expandSnippet, SnippetSyntaxError } from '../../server/src/features/snippetExpansion';
