// Types for sm-crypto, the SM2 library the browser signs certificate logins with.
declare module 'sm-crypto' {
  const smCrypto: {
    sm2: {
      doSignature(msg: string, privateKey: string, options?: { hash?: boolean; der?: boolean }): string;
      getPublicKeyFromPrivateKey(privateKey: string): string;
    };
  };
  export default smCrypto;
}
