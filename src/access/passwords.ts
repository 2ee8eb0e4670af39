// Local account passwords: argon2id (OWASP's first choice), via the maintained
// `argon2` binding. Random initial passwords come from the CSPRNG.
import { randomInt } from "node:crypto";
import argon2 from "argon2";

export function hashPassword(plain: string): Promise<string> {
  return argon2.hash(plain, { type: argon2.argon2id });
}

export async function verifyPassword(hash: string, plain: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, plain);
  } catch {
    return false;
  }
}

/** 20 characters from an unambiguous alphabet (~115 bits). */
export function randomPassword(): string {
  const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  let out = "";
  for (let i = 0; i < 20; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

export const MIN_PASSWORD_LENGTH = 12;
