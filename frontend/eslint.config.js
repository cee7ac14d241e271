// @ts-check
// The SPA's lint, run by `make test` (npm run lint): TypeScript's recommended rules, the React
// hooks rules and the JSX accessibility rules (WCAG is a requirement here, not a wish).
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "src/api/*.ts", "e2e/screenshots/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.{ts,tsx}"],
    languageOptions: { globals: globals.browser },
    plugins: { "react-hooks": reactHooks },
    // The classic hooks rules as errors. The plugin's React Compiler rules (refs,
    // set-state-in-effect, …) are left out: the app does not build with the compiler, and they
    // refuse patterns that are correct without it (a form controller carrying its summary ref).
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
  {
    files: ["src/**/*.tsx"],
    ...jsxA11y.flatConfigs.recommended,
  },
  {
    files: ["src/**/*.tsx"],
    rules: {
      // A table wider than the screen sits in a focusable region so a keyboard can scroll it
      // (WCAG 2.1.1; axe's scrollable-region-focusable).
      "jsx-a11y/no-noninteractive-tabindex": ["error", { roles: ["region"], tags: [] }],
    },
  },
  {
    // e2e specs run in Node and hand functions to the browser (page.evaluate).
    files: ["e2e/**/*.mjs", "scripts/**/*.{mjs,ts}", "*.{js,ts}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
