// Types for sm-crypto, the second SM2 implementation the tests check the platform's SM2 signatures with.
declare module 'sm-crypto' {
  interface SignOptions {
    hash?: boolean;
    der?: boolean;
    publicKey?: string;
    userId?: string;
  }
  const sm2: {
    generateKeyPairHex(): { publicKey: string; privateKey: string };
    getPublicKeyFromPrivateKey(privateKey: string): string;
    doSignature(msg: string | number[], privateKey: string, options?: SignOptions): string;
    doVerifySignature(msg: string | number[], signHex: string, publicKey: string, options?: SignOptions): boolean;
  };
  function sm3(input: string | number[]): string;
  const smCrypto: { sm2: typeof sm2; sm3: typeof sm3 };
  export default smCrypto;
}
