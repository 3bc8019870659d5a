#!/usr/bin/env bash
# The Git side of bootstrapping N clusters the Flux way, for comparison with fluxstrap: for each
# cluster, one after the other as `flux bootstrap` runs per cluster, a fresh clone of the
# repository, a commit of gotk-components.yaml, a push, a commit of gotk-sync.yaml and
# kustomization.yaml, and a second push. Git CLI only (it does not even touch the clusters).
#
#   bench/flux-way.sh N WORKDIR BUNDLE      (REPO_URL: the repository URL with credentials)
set -euo pipefail
n="$1"; work="$2"; bundle="$3"; url="${REPO_URL:?set REPO_URL}"
mkdir -p "$work"
export HOME="$work/home" GIT_TERMINAL_PROMPT=0; mkdir -p "$HOME"
git config --global user.name "Flux"; git config --global user.email "flux@example.com"
for i in $(seq 1 "$n"); do
  c="$(printf 'c%03d' "$i")"; clone="$work/clone-$c"
  git clone -q --branch main "$url" "$clone"
  d="$clone/fluxway/$c/flux-system"; mkdir -p "$d"
  cp "$bundle" "$d/gotk-components.yaml"
  git -C "$clone" add -A && git -C "$clone" commit -q -m "Add Flux v2.7.5 component manifests"
  git -C "$clone" push -q origin main
  printf 'apiVersion: source.toolkit.fluxcd.io/v1\nkind: GitRepository\nmetadata:\n  name: flux-system\n  namespace: flux-system\nspec:\n  url: %s\n' "fleet" > "$d/gotk-sync.yaml"
  printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n- gotk-components.yaml\n- gotk-sync.yaml\n' > "$d/kustomization.yaml"
  git -C "$clone" add -A && git -C "$clone" commit -q -m "Add Flux sync manifests"
  git -C "$clone" push -q origin main
  rm -rf "$clone"
done
