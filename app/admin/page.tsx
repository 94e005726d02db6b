import { redirect } from "next/navigation";

/** The admin area has one screen so far; /admin is its address people type. */
export default function AdminHome() {
  redirect("/admin/roles");
}
