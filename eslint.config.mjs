// Lint rules: typescript-eslint's recommended set, plus the architecture rule
// that the pure core, the analyzers and the CLI never import `vscode`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.vscode-test/**', 'node_modules/**', '**/*.js', '**/*.mjs', '**/*.cjs', 'test/fixtures/**', 'test/**/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts', 'src/analyzers/**/*.ts', 'src/cli/**/*.ts', 'src/cli.ts', 'test/unit/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The pure core must not depend on the VS Code API.' }] }],
    },
  },
);
