// The OFD 版式 file of an official document: laid out once as the print is (print-layout.ts), written as an OFD
// package (package.ts), signed by the seal when the unit has one (signature.ts).
export * from './package.ts';
export * from './render.ts';
export * from './signature.ts';
