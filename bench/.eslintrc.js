module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  settings: {
    // Lets eslint-plugin-import parse and follow TypeScript sources, so import/no-cycle sees them.
    'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
    'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.jsx'] } },
  },
  rules: {
    'import/no-cycle': 'error',
  },
});
