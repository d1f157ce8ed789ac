// Server bundle: one Code.js whose top-level functions are src/server/index.ts's named exports.
const path = require('node:path');
const GasPlugin = require('gas-webpack-plugin');

module.exports = {
  // 'production' drops the module bodies behind the plugin's stubs; eval devtool breaks Apps Script.
  mode: 'none',
  devtool: false,
  context: __dirname,
  entry: './src/server/index.ts',
  output: { path: path.join(__dirname, 'dist'), filename: 'Code.js', clean: false },
  resolve: { extensions: ['.ts', '.js'] },
  module: {
    rules: [{ test: /\.ts$/, loader: 'esbuild-loader', options: { target: 'es2020' } }],
  },
  // Modules joined into one scope: Apps Script evaluates the whole file at the start of every execution, and
  // per-module wrappers and export getters made that start about twice as slow (the emulator does the same).
  optimization: { minimize: false, concatenateModules: true },
  plugins: [new GasPlugin({ autoGlobalExportsFiles: ['src/server/index.ts'] })],
};
