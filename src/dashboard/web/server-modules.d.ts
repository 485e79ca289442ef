// The API contract's types reach server modules that import Node built-ins; the tab uses only their types, so
// these stay opaque here rather than bringing Node's globals into browser code.
declare module 'node:crypto';
