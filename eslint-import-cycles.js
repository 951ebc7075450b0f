/**
 * ESLint options every workspace package with TypeScript sources adds to Backstage's factory:
 * import cycles are errors, and eslint-plugin-import parses and follows TypeScript sources so
 * that `import/no-cycle` sees them.
 */
module.exports = {
  settings: {
    'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.jsx'] } },
  },
  rules: {
    'import/no-cycle': 'error',
  },
};
