"""Command line face: argparse subcommands that call the services. No business logic here."""
