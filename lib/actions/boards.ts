"use server";
import type { ActionResult } from "./define";
import { serverAction } from "./safe-action";
import { nominationCreateDefinition, setLocaleDefinition, setTeamPrivacyDefinition, wallboardCreateDefinition, wallboardRevokeDefinition } from "./boards-definitions";

const locale = serverAction(setLocaleDefinition);
const privacy = serverAction(setTeamPrivacyDefinition);
const create = serverAction(wallboardCreateDefinition);
const revoke = serverAction(wallboardRevokeDefinition);

export async function setLocaleAction(prev: ActionResult | null, formData: FormData) {
  return locale(prev as never, formData);
}
export async function setTeamPrivacyAction(prev: ActionResult | null, formData: FormData) {
  return privacy(prev as never, formData);
}
export async function createWallboardAction(prev: ActionResult | null, formData: FormData) {
  return create(prev as never, formData);
}
export async function revokeWallboardAction(prev: ActionResult | null, formData: FormData) {
  return revoke(prev as never, formData);
}

const nominate = serverAction(nominationCreateDefinition);
export async function createNominationAction(prev: ActionResult | null, formData: FormData) {
  return nominate(prev as never, formData);
}
