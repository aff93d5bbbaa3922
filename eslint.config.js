import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "coverage/", "web/dist/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain JavaScript entry points run on Node.
    files: ["bin/**/*.js", "scripts/**/*.mjs"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
  {
    // The engine's transcendental functions differ in the last bit between engines, and the models amplify
    // that bit: the library computes with src/numeric/portable.ts so every engine gives the same numbers.
    files: ["src/**/*.ts"],
    ignores: ["src/numeric/portable.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        ...["pow", "exp", "log", "expm1", "log1p", "log2", "sin", "cos", "tan", "atan", "atan2", "sinh", "cosh", "tanh", "cbrt", "hypot"].map((property) => ({
          object: "Math",
          property,
          message: "use src/numeric/portable.ts (same bits on every engine) or, for display only, disable with a reason",
        })),
      ],
      // x ** 2 and other literal exponents are exact multiplications on every engine; a variable exponent is Math.pow.
      "no-restricted-syntax": ["error", { selector: "BinaryExpression[operator='**'][right.type!='Literal']", message: "x ** y with a variable exponent is Math.pow: use pow from src/numeric/portable.ts" }],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
);
