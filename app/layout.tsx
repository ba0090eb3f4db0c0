import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import { TRPCReactProvider } from "@/components/trpc/provider";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "User Manager", template: "%s · User Manager" },
  description: "Manage every person your store knows.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request, so each gets the CSP nonce of its own response (proxy.ts).
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
