#!/usr/bin/env bash
# Sourced by the hack scripts: the out-of-tree example is driven through its Makefile, as a user's
# project is. A machine with only Go gets make from the distribution's packages.
if ! command -v make >/dev/null 2>&1; then
  echo "hack: make is missing; installing it" >&2
  if command -v apt-get >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq >&2 && $sudo apt-get install -y -qq make >&2
  fi
  command -v make >/dev/null 2>&1 || { echo "hack: make is required (install GNU make)" >&2; exit 1; }
fi
