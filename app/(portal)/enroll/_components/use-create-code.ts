"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/app/_trpc/client";
import { storeCode } from "./code-store";

/**
 * Creates a one-time code and goes to the code step. Only the code's id goes into the URL, so a
 * reload finds the same step; the code itself goes to this tab's storage.
 */
export function useCreateCode(ownership: "personal" | "corporate", mode: "push" | "replace" = "push") {
  const trpc = useTRPC();
  const router = useRouter();
  return useMutation(
    trpc.enrollment.createCode.mutationOptions({
      onSuccess: (created) => {
        storeCode(created.codeId, { code: created.code, qrSvg: created.qrSvg });
        router[mode](`/enroll?step=code&codeId=${created.codeId}`);
      },
    }),
  );
}
