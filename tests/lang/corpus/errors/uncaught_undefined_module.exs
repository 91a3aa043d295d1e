Missing.Module.run()
