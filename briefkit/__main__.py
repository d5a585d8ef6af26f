from briefkit.cli import main

main()
