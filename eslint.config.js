// @ts-check
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'dictionaries/sources/**',
      'dictionaries/build/**',
      'test-artifacts/**',
      'models/train/work/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['eslint.config.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
    },
  },
  {
    // The browser page has its own tsconfig (DOM library, bundler resolution).
    files: ['src/web/**/*.ts'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: './src/web/tsconfig.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    // Module boundaries (ARCHITECTURE.md): only onnx-session.ts touches ONNX Runtime.
    files: ['**/*.ts'],
    ignores: ['src/pipeline/tagger/onnx-session.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'onnxruntime-node',
              message: 'only src/pipeline/tagger/onnx-session.ts imports onnxruntime-node',
            },
          ],
        },
      ],
    },
  },
  {
    // The pipeline is pure: no HTTP, no queues, no environment.
    files: ['src/pipeline/**/*.ts'],
    ignores: ['src/pipeline/tagger/onnx-session.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['onnxruntime-node', 'express', 'bullmq', 'ioredis'].map((name) => ({
            name,
            message:
              'the pipeline never imports HTTP, queue or ONNX Runtime modules (ARCHITECTURE.md)',
          })),
          patterns: [
            {
              group: ['**/jobs/*', '**/api/*', '**/core/config.js'],
              message: 'pipeline → core only',
            },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'the pipeline never reads process.env' },
      ],
    },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
