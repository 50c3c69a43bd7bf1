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
      'scratch/**',
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
  {
    // Small files and small functions where detection and the code set live (STYLE.md items 3 and 13):
    // a stage, a rule family or a code-set seam per file, a function that fits on a screen.
    files: ['src/pipeline/**/*.ts', 'src/codes/**/*.ts'],
    rules: {
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    // Named exceptions to max-lines-per-function. createContextAnalyzer (141 lines: the ConText scope
    // walk) and cptCandidates (101 lines: the imaging, 3D-rendering and E/M detectors) are being changed
    // for issue 17 (quality on US notes) while this limit lands; splitting them at the same time would
    // make both changes conflict line by line. Split them when issue 17 has landed, then delete this block.
    files: ['src/pipeline/context/context-analyzer.ts', 'src/pipeline/cpt/cpt-candidates.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
