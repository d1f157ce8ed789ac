// typescript-eslint reads the classic compiler API, which TypeScript 7 (our `tsc`) no longer ships.
// In the lint process only, `typescript` resolves to TypeScript 6.0 installed as `typescript-classic`.
const Module = require('node:module');

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveClassicTypeScript(request, ...rest) {
  const classic =
    request === 'typescript' || request.startsWith('typescript/')
      ? request.replace(/^typescript/, 'typescript-classic')
      : request;
  return resolveFilename.call(this, classic, ...rest);
};
