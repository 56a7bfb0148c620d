// Public entry point of the signature verifier/signer, so callers may import './signatures.js' or
// './signatures/index.js' alike; the code lives in ./signatures/.
export * from './signatures/index.js';
