// The bundle's public surface: every named export becomes a top-level function of dist/Code.js.
export { onOpen, onInstall } from './menu';
