// The manifest ships beside Code.js: clasp pushes everything in dist/.
import { copyFileSync, mkdirSync } from 'node:fs';
mkdirSync('dist', { recursive: true });
copyFileSync('appsscript.json', 'dist/appsscript.json');
